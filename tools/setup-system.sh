#!/usr/bin/env bash
# Installs the system packages recueil needs, if they are missing (Debian and
# Ubuntu). Two sets:
#   fonts   what `make` needs to write the PDFs: Liberation Serif, and the
#           Chinese faces AR PL UMing and WenQuanYi Zen Hei;
#   check   what `make test` needs to check the outputs: LibreOffice (Word
#           documents printed to PDF), poppler-utils (pdftotext, pdffonts,
#           pdftoppm), qpdf, zbar-tools (zbarimg reads the first page's
#           barcode and QR code back), and the Open XML validator
#           openxml-audit (pip, into the user's ~/.local, root included);
#   bench   what `make bench` compares recueil with: pandoc (Debian's
#           package) for the DOCX, and typst for the PDF (pip's `typst`
#           package, the compiler without a Rust build, into ~/.local).
# Without root or sudo it installs no system package: it names what is
# missing and how to get it, and lets the fonts pass if fontconfig already
# finds them. The validator needs no root.
set -euo pipefail

fonts=(fonts-liberation fonts-arphic-uming fonts-wqy-zenhei)
check=(libreoffice-writer poppler-utils qpdf zbar-tools python3-pip)
# The validator the DOCX tests run, at the version their expectations were
# set with; tests find it on PATH or in ~/.local/bin.
validator=openxml-audit==0.8.0

validator_wanted=false
bench=(pandoc python3-pip)
# The typst compiler, as a Python module (`import typst`).
typst=typst
typst_wanted=false

want=()
for set in "${@:-fonts}"; do
  case "$set" in
    fonts) want+=("${fonts[@]}") ;;
    check) want+=("${fonts[@]}" "${check[@]}"); validator_wanted=true ;;
    bench) want+=("${fonts[@]}" "${bench[@]}"); typst_wanted=true ;;
    *) echo "usage: $0 [fonts] [check] [bench]" >&2; exit 2 ;;
  esac
done

# pip, as the user running the script: Debian's Python refuses user installs
# unless told that they leave the system's packages alone, which they do.
pip_user_install() {
  echo "installing $1 with pip into $HOME/.local" >&2
  PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore python3 -m pip install --user --quiet \
    --disable-pip-version-check --no-warn-script-location "$1"
}

install_python_tools() {
  if $typst_wanted && ! python3 -c "import typst" >/dev/null 2>&1; then
    pip_user_install "$typst"
  fi
  $validator_wanted || return 0
  if command -v openxml-audit >/dev/null 2>&1 || [ -x "$HOME/.local/bin/openxml-audit" ]; then
    return 0
  fi
  pip_user_install "$validator"
}

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  install_python_tools
  exit 0
fi

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
  if [ ${#unresolved[@]} -eq 0 ]; then
    install_python_tools
    exit 0
  fi
  echo "error: these packages are missing and installing them needs root: ${unresolved[*]}" >&2
  echo "  install them with: sudo apt-get install ${unresolved[*]}" >&2
  echo "  (or, for the fonts alone, put Liberation Serif where fontconfig finds it, e.g. ~/.local/share/fonts)" >&2
  exit 1
fi

echo "installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_python_tools
