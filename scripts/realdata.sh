#!/usr/bin/env bash
# Real photographs and recordings that no one on this project made, for measuring the examples
# (scripts/setup.sh --extra realdata runs this). They are unpacked from installable packages into
# .cache/realdata/ and never committed; the hand labels are (examples/*/realdata.json).
#
#   photos/skimage/     scikit-image 0.26.0's wheel: the photos it bundles in skimage/data/
#   photos/matplotlib/  matplotlib 3.11.2's wheel: mpl-data/sample_data/grace_hopper.jpg
#   photos/opencv/      Debian opencv-doc: examples/data, hfs/data, alphamat/input_images
#   speech/pocketsphinx/  Debian pocketsphinx-testdata: test recordings of real speakers
#   speech/alsa/        Debian alsa-utils: /usr/share/sounds/alsa (a real voice naming speakers)
#
# Quick when done before (a stamp file); about 130 MB downloaded, 20 MB kept.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.cache/realdata"
stamp="$dest/.stamp-1"
say() { printf 'setup: %s\n' "$*" >&2; }
[ -f "$stamp" ] && exit 0
say "unpacking real photos and recordings from packages into .cache/realdata"
rm -rf "$dest"
dl="$dest/download"
mkdir -p "$dl" "$dest/photos" "$dest/speech"
cd "$dl"
debs=(opencv-doc pocketsphinx-testdata alsa-utils)
if ! apt-get download -qq "${debs[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download -qq "${debs[@]}" >/dev/null 2>&1
fi
"$root/.venv/bin/pip" download -q --disable-pip-version-check --no-deps -d "$dl" scikit-image==0.26.0 matplotlib==3.11.2
untar() { # deb, target dir, members...
  local deb="$1" to="$2"; shift 2
  mkdir -p "$to"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$to" --wildcards "$@"
}
untar opencv-doc_*.deb x './usr/share/doc/opencv-doc/examples/data/*.jpg' './usr/share/doc/opencv-doc/examples/data/*.png' \
  './usr/share/doc/opencv-doc/examples/hfs/data/*' './usr/share/doc/opencv-doc/examples/alphamat/input_images/*'
mv x/usr/share/doc/opencv-doc/examples "$dest/photos/opencv"
untar pocketsphinx-testdata_*.deb x './usr/share/pocketsphinx/test/data/*'
mv x/usr/share/pocketsphinx/test/data "$dest/speech/pocketsphinx"
untar alsa-utils_*.deb x './usr/share/sounds/alsa/*'
mv x/usr/share/sounds/alsa "$dest/speech/alsa"
mkdir -p "$dest/photos/skimage" "$dest/photos/matplotlib"
"$root/.venv/bin/python" - "$dest" <<'PY'
import glob, os, sys, zipfile
dest = sys.argv[1]
with zipfile.ZipFile(glob.glob(os.path.join(dest, "download", "scikit_image-*.whl"))[0]) as z:
    for n in z.namelist():
        if n.startswith("skimage/data/") and n.rsplit(".", 1)[-1] in ("png", "jpg"):
            open(os.path.join(dest, "photos", "skimage", os.path.basename(n)), "wb").write(z.read(n))
with zipfile.ZipFile(glob.glob(os.path.join(dest, "download", "matplotlib-*.whl"))[0]) as z:
    n = "matplotlib/mpl-data/sample_data/grace_hopper.jpg"
    open(os.path.join(dest, "photos", "matplotlib", os.path.basename(n)), "wb").write(z.read(n))
PY
cd "$dest"
rm -rf "$dl"
touch "$stamp"
say "real data ready: $(find photos -type f | wc -l) photos, $(find speech -name '*.wav' -o -name '*.raw' | wc -l) recordings"
