from django.db import migrations, models

import lkip.models


def isi_kode(apps, schema_editor):
    Pemda = apps.get_model("lkip", "Pemda")
    dipakai = set()
    for pemda in Pemda.objects.order_by("pk"):
        kode = lkip.models.kode_dari_nama(pemda.nama)
        while kode in dipakai:
            kode = f"{kode}-{pemda.pk}"
        dipakai.add(kode)
        Pemda.objects.filter(pk=pemda.pk).update(kode=kode)


class Migration(migrations.Migration):
    dependencies = [
        ("lkip", "0007_lambang_pemda"),
    ]

    operations = [
        migrations.AddField(
            model_name="pemda",
            name="kode",
            # No index yet: the unique constraint below brings its own (and PostgreSQL's _like
            # index, which would otherwise be created twice).
            field=models.SlugField(
                blank=True, db_index=False, max_length=80, null=True, verbose_name="kode pemda"
            ),
        ),
        migrations.AddField(
            model_name="pemda",
            name="jenis",
            field=models.CharField(
                blank=True,
                choices=[("provinsi", "Provinsi"), ("kabupaten", "Kabupaten"), ("kota", "Kota")],
                max_length=10,
                verbose_name="jenis pemda",
            ),
        ),
        migrations.AddField(
            model_name="pemda",
            name="kota_ttd",
            field=models.CharField(blank=True, max_length=100, verbose_name="tempat penandatanganan"),
        ),
        migrations.RunPython(isi_kode, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="pemda",
            name="kode",
            field=models.SlugField(
                blank=True,
                max_length=80,
                unique=True,
                validators=[lkip.models.kode_opd_validator],
                verbose_name="kode pemda",
            ),
        ),
    ]
