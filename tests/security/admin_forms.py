"""What a browser would post back from an admin page: its form and inline forms, unchanged."""

from django import forms


def _fields(form) -> dict:
    data: dict = {}
    for bound in form:
        if bound.field.disabled:
            continue
        value, widget = bound.value(), bound.field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for i, part in enumerate(parts):
                data[f"{bound.html_name}_{i}"] = "" if part is None else str(part)
        elif isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def admin_form_data(response) -> dict:
    """The change (or add) page's form data as it stands, ready to be changed and posted."""
    data = _fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(_fields(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(_fields(form))
    return data
