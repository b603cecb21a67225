"""Roles are groups of model permissions; code checks permissions, never group names."""

ROLE_GROUPS = {
    "perencana": "Perencana",
    "kepala_dinas": "Kepala Dinas",
    "inspektorat": "Inspektorat",
    "admin_pemda": "Admin Pemda",
    "kepala_daerah": "Kepala Daerah",
}

_DATA_MODELS = [
    ("targets", "renstra"),
    ("targets", "tujuan"),
    ("targets", "sasaran"),
    ("targets", "target"),
    ("targets", "realisasi"),
    ("indicators", "indikator"),
    ("indicators", "evaluasiakip"),
    ("indicators", "hasilikm"),
    ("budget", "anggaran"),
    ("budget", "capaianoutput"),
    ("reports", "narasilaporan"),
    ("reports", "angkatercetak"),
    ("lkip", "sdmkomposisi"),
    ("lkip", "kebutuhanpersonil"),
    ("lkip", "kategorippks"),
    ("lkip", "kejadianbencana"),
    # The public satisfaction survey's set-up (skm)
    ("skm", "unitlayanan"),
    ("skm", "periodesurvei"),
    ("skm", "unsur"),
    ("skm", "pengaturansurvei"),
    ("skm", "tautansurvei"),
]

#: The pemda's own data (RPJMD, the Kepala Daerah's IKU, budget per agency, pembiayaan, cascading)
_PEMDA_MODELS = [
    ("rpjmd", "rpjmd"),
    ("rpjmd", "tujuanpemda"),
    ("rpjmd", "sasaranpemda"),
    ("rpjmd", "indikatorpemda"),
    ("rpjmd", "targetpemda"),
    ("rpjmd", "realisasipemda"),
    ("rpjmd", "anggaranperangkatdaerah"),
    ("rpjmd", "pembiayaan"),
    ("rpjmd", "tautansasaran"),
]

#: The roles an Admin Pemda may give (never its own, never to itself): agency, inspectorate and
#: the Kepala Daerah.
ROLES_ADMIN_PEMDA_MAY_GRANT = ("perencana", "kepala_dinas", "inspektorat", "kepala_daerah")

_REFERENCE_MODELS = [
    ("lkip", "pemda"),
    ("lkip", "perangkatdaerah"),
    ("lkip", "penugasan"),
    ("budget", "nomenklatur"),
    ("auth", "user"),
]


def _perms(models, actions):
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


_PERIODE = [("targets", "periodetertutup"), ("targets", "pembukaanperiode")]

ROLE_PERMISSIONS = {
    # Planning staff edit their agency's data and close quarters; reopening needs the Kepala Dinas.
    "Perencana": _perms(_DATA_MODELS, ("view", "add", "change", "delete"))
    + _perms(_REFERENCE_MODELS[:2] + [("budget", "nomenklatur")] + _PERIODE, ("view",))
    + [("targets", "add_periodetertutup")],
    "Kepala Dinas": _perms(
        _DATA_MODELS + _REFERENCE_MODELS[:2] + [("budget", "nomenklatur")] + _PERIODE, ("view",)
    )
    + [("targets", "add_periodetertutup"), ("targets", "delete_periodetertutup")],
    "Inspektorat": _perms(
        _DATA_MODELS + _REFERENCE_MODELS[:2] + [("budget", "nomenklatur")] + _PERIODE, ("view",)
    ),
    # The Admin Pemda keeps its own pemda's record (a pemda is created or removed by a superuser);
    # lkip.admin narrows every one of these to that pemda.
    "Admin Pemda": _perms(_REFERENCE_MODELS[:1], ("view", "change"))
    + _perms(_REFERENCE_MODELS[1:], ("view", "add", "change", "delete"))
    + _perms(_DATA_MODELS + _PERIODE, ("view",))
    + [("targets", "delete_periodetertutup")],
    # The Wali Kota, Bupati or Gubernur: reads the pemda and its agencies, approves and signs the
    # pemda's own LKIP.
    "Kepala Daerah": _perms(
        _DATA_MODELS + _REFERENCE_MODELS[:2] + [("budget", "nomenklatur")] + _PERIODE, ("view",)
    ),
}

# The pemda's own LKIP (rpjmd): the Admin Pemda prepares it and submits, the Inspektorat reviews,
# the Kepala Daerah approves and signs; each reads the pemda-level data.
ROLE_PERMISSIONS["Admin Pemda"] += _perms(_PEMDA_MODELS, ("view", "add", "change", "delete")) + [
    ("rpjmd", "ajukan_lkip_pemda")
]
ROLE_PERMISSIONS["Inspektorat"] += _perms(_PEMDA_MODELS, ("view",)) + [
    ("rpjmd", "reviu_lkip_pemda")
]
ROLE_PERMISSIONS["Kepala Daerah"] += _perms(_PEMDA_MODELS, ("view",)) + [
    ("rpjmd", "tandatangani_lkip_pemda")
]


# The survey's responses: everyone who reads the agency reads them; the Perencana imports paper
# questionnaires and excludes (or counts again) a suspicious response with a reason. No role deletes
# a response: an excluded one stays, with its audit trail.
for _role in ("Perencana", "Kepala Dinas", "Inspektorat", "Admin Pemda"):
    ROLE_PERMISSIONS[_role] += [("skm", "view_responden"), ("skm", "view_pengecualian")]
ROLE_PERMISSIONS["Perencana"] += [
    ("skm", "add_responden"),
    ("skm", "add_pengecualian"),
    ("skm", "delete_pengecualian"),
]

# The LKIP approval workflow (reports.workflow): submit, review, approve and sign.
ROLE_PERMISSIONS["Perencana"] += [("reports", "ajukan_laporan")]
ROLE_PERMISSIONS["Inspektorat"] += [("reports", "reviu_laporan")]
ROLE_PERMISSIONS["Kepala Dinas"] += [("reports", "tandatangani_laporan")]
# Rendering the LKIP of every agency of the pemda again in the background (reports.antrian.kota).
ROLE_PERMISSIONS["Admin Pemda"] += [("reports", "susun_ulang_kota")]


def sync_role_groups(**kwargs) -> None:
    """Create or update the role groups with their permissions; runs after every migrate."""
    from django.contrib.auth.models import Group, Permission

    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for app, codename in perms:
            found = Permission.objects.filter(
                content_type__app_label=app, codename=codename
            ).first()
            if found is None:
                return  # permissions of a not yet migrated app: the next post_migrate finishes it
            wanted.append(found)
        group.permissions.set(wanted)


# The evaluation of AKIP (evaluasi, PermenPANRB 88/2021): the agency's Perencana self-assesses and
# follows up recommendations; the Inspektorat keeps the worksheet, evaluates, reviews, signs the LHE
# and accepts follow-up. Everyone who reads the agency reads its evaluation.
_EVALUASI_LIHAT = [
    ("evaluasi", f"view_{m}")
    for m in ("evaluasi", "lembarkerja", "kriteria", "jawaban", "bukti", "rekomendasi")
]
for _role in ("Perencana", "Kepala Dinas", "Inspektorat", "Admin Pemda"):
    ROLE_PERMISSIONS[_role] += _EVALUASI_LIHAT
ROLE_PERMISSIONS["Perencana"] += [
    ("evaluasi", "isi_mandiri"),
    ("evaluasi", "tanggapi_rekomendasi"),
]
ROLE_PERMISSIONS["Inspektorat"] += [
    ("evaluasi", "add_lembarkerja"),
    ("evaluasi", "change_kriteria"),
    ("evaluasi", "nilai_evaluasi"),
    ("evaluasi", "reviu_evaluasi"),
    ("evaluasi", "tandatangani_lhe"),
    ("evaluasi", "verifikasi_rekomendasi"),
]
