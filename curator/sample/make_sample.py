#!/usr/bin/env python3
"""Builds the bundled demo sample from the full data sets (run by hand; the output is committed).

  curator/sample/make_sample.py /usr/share/datasets/fashion-mnist /path/to/emoji-datasource-google

Writes, under curator/src/main/resources/io/pairstream/curator/sample/:
  fashion-mnist/t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz  the first 1,000 test images
  emoji/emoji.json, emoji/img/google/64/*.png                         the emoji of ten subcategories
  index.txt                                                           every file, for extraction
"""
import gzip, json, os, shutil, struct, sys

FASHION_IMAGES = 1000
EMOJI_SUBCATEGORIES = ["animal-mammal", "animal-bird", "animal-marine", "food-fruit", "food-vegetable",
                       "transport-ground", "sky & weather", "clothing", "heart", "sport"]

fashion_dir, emoji_dir = sys.argv[1], sys.argv[2]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources",
                   "io", "pairstream", "curator", "sample")
shutil.rmtree(out, ignore_errors=True)


def read_idx(name):
    path = os.path.join(fashion_dir, name)
    opener = gzip.open if not os.path.exists(path) or path.endswith(".gz") else open
    if not os.path.exists(path):
        path += ".gz"
        opener = gzip.open
    with opener(path, "rb") as f:
        return f.read()


os.makedirs(os.path.join(out, "fashion-mnist"))
images = read_idx("t10k-images-idx3-ubyte")
labels = read_idx("t10k-labels-idx1-ubyte")
magic, count, rows, cols = struct.unpack(">IIII", images[:16])
with gzip.GzipFile(os.path.join(out, "fashion-mnist", "t10k-images-idx3-ubyte.gz"), "wb", mtime=0) as f:
    f.write(struct.pack(">IIII", magic, FASHION_IMAGES, rows, cols) + images[16:16 + FASHION_IMAGES * rows * cols])
magic, count = struct.unpack(">II", labels[:8])
with gzip.GzipFile(os.path.join(out, "fashion-mnist", "t10k-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
    f.write(struct.pack(">II", magic, FASHION_IMAGES) + labels[8:8 + FASHION_IMAGES])

with open(os.path.join(emoji_dir, "emoji.json")) as f:
    emoji = json.load(f)
chosen = [e for e in emoji if e.get("has_img_google") and e.get("subcategory") in EMOJI_SUBCATEGORIES
          and os.path.exists(os.path.join(emoji_dir, "img", "google", "64", e["image"]))]
os.makedirs(os.path.join(out, "emoji", "img", "google", "64"))
keep = ["name", "unified", "image", "short_names", "category", "subcategory", "has_img_google"]
with open(os.path.join(out, "emoji", "emoji.json"), "w") as f:
    json.dump([{k: e[k] for k in keep} for e in chosen], f, indent=0)
for e in chosen:
    shutil.copy(os.path.join(emoji_dir, "img", "google", "64", e["image"]),
                os.path.join(out, "emoji", "img", "google", "64", e["image"]))
shutil.copy(os.path.join(emoji_dir, "LICENSE"), os.path.join(out, "emoji", "LICENSE"))

files = []
for root, _, names in os.walk(out):
    for name in names:
        files.append(os.path.relpath(os.path.join(root, name), out))
shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTICE.md"), os.path.join(out, "NOTICE.md"))
files.append("NOTICE.md")
with open(os.path.join(out, "index.txt"), "w") as f:
    f.write("\n".join(sorted(files)) + "\n")
print(f"{FASHION_IMAGES} Fashion-MNIST images, {len(chosen)} emoji, {len(files)} files in {out}")
