#!/usr/bin/env bash
# Installs the system packages recueil needs, if they are missing (Debian and
# Ubuntu). Three sets:
#   fonts   what `make` needs to write the PDF: Liberation Serif;
#   check   what `make test` needs to check the outputs: LibreOffice (Word
#           documents printed to PDF), poppler-utils (pdftotext, pdffonts,
#           pdftoppm), qpdf;
#   bench   what `make bench` compares recueil with: pandoc (Debian's
#           package) for the DOCX, typst (pip's `typst` package, the
#           compiler without a Rust build) for the PDF.
# Without root or sudo it installs nothing: it names what is missing and how
# to get it, and lets the fonts pass if fontconfig already finds them.
set -euo pipefail

fonts=(fonts-liberation)
check=(libreoffice-writer poppler-utils qpdf)
bench=(pandoc)
python_bench=(typst)

want=()
want_python=()
for set in "${@:-fonts}"; do
  case "$set" in
    fonts) want+=("${fonts[@]}") ;;
    check) want+=("${fonts[@]}" "${check[@]}") ;;
    bench) want+=("${fonts[@]}" "${bench[@]}"); want_python+=("${python_bench[@]}") ;;
    *) echo "usage: $0 [fonts] [check] [bench]" >&2; exit 2 ;;
  esac
done

# Python packages go through pip, into the python3 found on PATH.
for p in "${want_python[@]}"; do
  python3 -c "import $p" 2>/dev/null && continue
  echo "installing Python package: $p" >&2
  python3 -m pip install --quiet "$p" ||
    python3 -m pip install --quiet --break-system-packages "$p"
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  # No way to install: say what is missing; fonts found elsewhere serve.
  unresolved=()
  for p in "${missing[@]}"; do
    if [ "$p" = fonts-liberation ] && command -v fc-match >/dev/null 2>&1 &&
       fc-match --format='%{file}' 'Liberation Serif' | grep -q LiberationSerif; then
      continue
    fi
    unresolved+=("$p")
  done
  [ ${#unresolved[@]} -eq 0 ] && exit 0
  echo "error: these packages are missing and installing them needs root: ${unresolved[*]}" >&2
  echo "  install them with: sudo apt-get install ${unresolved[*]}" >&2
  echo "  (or, for the fonts alone, put Liberation Serif where fontconfig finds it, e.g. ~/.local/share/fonts)" >&2
  exit 1
fi

echo "installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
