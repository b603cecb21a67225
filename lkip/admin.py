"""The admin site: superusers manage everything; an Admin Pemda only its own pemda.

An Admin Pemda (a staff user who is not a superuser) sees its own pemda, that pemda's agencies and
assignments, and the users assigned to it (never a superuser). It changes only the users it could
have made itself: not its own account, not staff, holding no role or permission it may not give.
It gives only the roles of `roles.ROLES_ADMIN_PEMDA_MAY_GRANT`; staff status, superuser status and
single permissions are a superuser's to give. Creating or deleting a pemda, the role groups and the
planning data's own admin screens are for superusers: the data is edited in the application, where
it is scoped to the agency and respects closed periods and signed reports.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet

from lkip.lambang import LambangField
from lkip.models import (
    KategoriPPKS,
    KebutuhanPersonil,
    KejadianBencana,
    Pemda,
    Penugasan,
    PerangkatDaerah,
    SdmKomposisi,
)
from lkip.roles import ROLE_GROUPS, ROLES_ADMIN_PEMDA_MAY_GRANT

User = get_user_model()
#: What only a superuser sees and sets on a user.
_SUPERUSER_FIELDS = {"is_staff", "is_superuser", "user_permissions"}


def pemda_id_of(request) -> int | None:
    """The pemda a non-superuser admin works for; None without an assignment (then it sees none)."""
    penugasan = getattr(request.user, "penugasan", None)
    return penugasan.pemda_id if penugasan else None


def grantable_groups() -> QuerySet[Group]:
    return Group.objects.filter(name__in=[ROLE_GROUPS[r] for r in ROLES_ADMIN_PEMDA_MAY_GRANT])


def may_manage(request, user) -> bool:
    """May this admin change (or delete, or set the password of) this user?"""
    if request.user.is_superuser or user is None:
        return True
    return (
        user.pk != request.user.pk
        and not user.is_staff
        and not user.is_superuser
        and not user.user_permissions.exists()
        and not user.groups.exclude(pk__in=grantable_groups()).exists()
    )


def scoped(request, model) -> QuerySet:
    """The records of `model` (a pemda, an agency, a user) this admin may see."""
    pemda_id = pemda_id_of(request)
    if model is Pemda:
        return Pemda.objects.filter(pk=pemda_id)
    if model is PerangkatDaerah:
        return PerangkatDaerah.objects.filter(pemda_id=pemda_id)
    if model is User:
        return User.objects.filter(penugasan__pemda_id=pemda_id, is_superuser=False)
    raise LookupError(model)


class PemdaScope:
    """Mixin: a non-superuser's lists, pages and choices stop at its own pemda."""

    #: The lookup from this admin's model to its pemda's id.
    pemda_lookup = "pemda_id"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.pemda_lookup: pemda_id_of(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if not request.user.is_superuser and model in (Pemda, PerangkatDaerah, User):
            kwargs["queryset"] = scoped(request, model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """An admin screen for superusers only, whatever the model permissions of others say."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


# --- Organisations ---------------------------------------------------------------------------


class PerangkatDaerahInline(admin.TabularInline):
    model = PerangkatDaerah
    fields = ["kode", "nama", "kepala_nama"]
    extra = 0
    show_change_link = True


class PemdaForm(forms.ModelForm):
    lambang = LambangField(label="Lambang daerah")

    class Meta:
        model = Pemda
        fields = ["nama", "kepala_daerah_nama", "kepala_daerah_jabatan", "lambang"]


@admin.register(Pemda)
class PemdaAdmin(PemdaScope, admin.ModelAdmin):
    form = PemdaForm
    pemda_lookup = "pk"
    list_display = ["nama", "kepala_daerah_nama"]
    search_fields = ["nama"]
    inlines = [PerangkatDaerahInline]

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(PemdaScope, admin.ModelAdmin):
    list_display = ["kode", "nama", "pemda", "kepala_nama", "kepala_nip"]
    list_filter = ["pemda"]
    search_fields = ["kode", "nama", "kepala_nama"]
    fieldsets = [
        (None, {"fields": ["pemda", "kode", "kode_skpd", "nama", "kota_ttd"]}),
        (
            "Kepala perangkat daerah",
            {"fields": ["kepala_nama", "kepala_nip", "kepala_pangkat", "kepala_jabatan"]},
        ),
    ]

    def get_list_filter(self, request):
        return self.list_filter if request.user.is_superuser else []


# --- Users and their assignments ---------------------------------------------------------------


@admin.register(Penugasan)
class PenugasanAdmin(PemdaScope, admin.ModelAdmin):
    list_display = ["user", "pemda", "opd"]
    list_filter = ["pemda", "opd"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["opd"]

    def get_list_filter(self, request):
        return self.list_filter if request.user.is_superuser else []

    def get_readonly_fields(self, request, obj=None):
        # An Admin Pemda moves a user between its own agencies; who and which pemda stay.
        return [] if request.user.is_superuser else ["user", "pemda"]

    def has_add_permission(self, request) -> bool:
        # A new user's assignment is made with the user (the inline on the user's page).
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or may_manage(request, obj.user)
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Without an assignment the user would leave the Admin Pemda's sight, unmanaged.
        return request.user.is_superuser


class PenugasanInline(PemdaScope, admin.StackedInline):
    model = Penugasan
    max_num = 1
    extra = 1
    verbose_name = "penugasan"
    verbose_name_plural = "penugasan"

    def get_fields(self, request, obj=None):
        return ["pemda", "opd"] if request.user.is_superuser else ["opd"]

    def get_formset(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            # The Admin Pemda's own pemda, set before validation (Penugasan.clean compares it).
            pemda_id = pemda_id_of(request)

            class PenugasanPemdaForm(forms.ModelForm):
                def __init__(self, *args, **kw) -> None:
                    super().__init__(*args, **kw)
                    if self.instance.pemda_id is None:
                        self.instance.pemda_id = pemda_id

            kwargs["form"] = PenugasanPemdaForm
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and may_manage(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and may_manage(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


admin.site.unregister(User)


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    inlines = [PenugasanInline]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=scoped(request, User).values("pk"))

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        return [f for f in self.list_filter if f not in _SUPERUSER_FIELDS]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in _SUPERUSER_FIELDS]})
            for name, opts in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = grantable_groups()
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and not request.user.is_superuser:
            nama = ", ".join(ROLE_GROUPS[r] for r in ROLES_ADMIN_PEMDA_MAY_GRANT)
            field.error_messages["invalid_choice"] = (
                f"Peran “%(value)s” hanya dapat diberikan oleh superuser; pilih dari: {nama}."
            )
            field.help_text = f"Peran yang dapat Anda berikan: {nama}."
        return field

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and may_manage(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and may_manage(request, obj)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if not request.user.is_superuser:
            # A user made by an Admin Pemda works for its pemda (and so stays in its sight).
            Penugasan.objects.get_or_create(
                user=form.instance, defaults={"pemda_id": pemda_id_of(request)}
            )


admin.site.unregister(Group)


@admin.register(Group)
class PeranAdmin(SuperuserOnlyAdmin, GroupAdmin):
    """The role groups are made by lkip.roles; only a superuser may look at or change them."""


# --- Agency profile data (edited in the application) ---------------------------------------------


@admin.register(SdmKomposisi)
class SdmKomposisiAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun", "kategori", "jumlah"]
    list_filter = ["opd", "tahun"]


@admin.register(KebutuhanPersonil)
class KebutuhanPersonilAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "nomor", "jabatan", "beban_kerja"]
    list_filter = ["opd"]


@admin.register(KategoriPPKS)
class KategoriPPKSAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "kode", "nama"]
    list_filter = ["opd"]
    search_fields = ["kode", "nama"]


@admin.register(KejadianBencana)
class KejadianBencanaAdmin(SuperuserOnlyAdmin):
    list_display = ["opd", "tahun", "kejadian", "kepala_keluarga", "jiwa"]
    list_filter = ["opd", "tahun"]
