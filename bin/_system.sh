# Sourced by bin/start and bin/test: the system libraries WeasyPrint needs (Pango, HarfBuzz with
# subsetting, fontconfig and a font), and Cairo for the charts of the Word draft (CairoSVG).
# Installed with apt when we may (root on Debian/Ubuntu); otherwise stop with the exact command.
weasyprint_libs="libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0 libfontconfig.so.1 libcairo.so.2"
weasyprint_pkgs="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core libcairo2"
missing=""
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
for lib in $weasyprint_libs; do
  "$ldconfig" -p 2>/dev/null | grep -q "$lib" || missing="$missing $lib"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang pustaka sistem untuk WeasyPrint:$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $weasyprint_pkgs >/dev/null
  else
    echo "WeasyPrint memerlukan pustaka sistem yang belum terpasang:$missing" >&2
    echo "Pasang dengan: sudo apt-get install $weasyprint_pkgs" >&2
    exit 1
  fi
fi
