"""Expected file order and training/validation split of Keras' image_dataset_from_directory for the folder tree
that Tests/Generated.Runtime.Tests/Data/ImageFolderSplitTests.cs builds.

Keras' own steps (keras/src/utils/dataset_utils.py: index_directory, index_subdirectory, iter_valid_files,
get_training_or_validation_split), restated with NumPy so that TensorFlow is not needed:
  classes = sorted(subdirectories); per class: sorted(os.walk(dir), key=root), each folder's files sorted,
  kept if fname.lower().endswith(('.bmp', '.gif', '.jpeg', '.jpg', '.png'));
  paths and labels shuffled with np.random.RandomState(seed).shuffle (two generators, same seed);
  validation = last int(validation_split * n) files, training = the rest.
Run: /usr/bin/python3 Tests/Fixtures/scripts/keras_image_folder_split.py
"""
import os
import tempfile

import numpy as np

TREE = [
    "roses/r2.png", "roses/r10.png", "roses/R1.PNG", "roses/notes.txt", "roses/sub/r0.jpg", "roses/sub b/r3.png",
    "daisy/d1.png", "daisy/d2.jpeg", "daisy/d3.bmp", "daisy/d4.gif",
    "tulips/t1.png", "tulips/t2.png", "tulips/t3.png", "tulips/t4.png", "tulips/t5.png",
]
FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")


def index_directory(directory, seed):
    class_names = sorted(d for d in os.listdir(directory) if os.path.isdir(os.path.join(directory, d)))
    paths, labels = [], []
    for label, name in enumerate(class_names):
        class_dir = os.path.join(directory, name)
        for root, _, files in sorted(os.walk(class_dir), key=lambda x: x[0]):
            for fname in sorted(files):
                if fname.lower().endswith(FORMATS):
                    paths.append(os.path.relpath(os.path.join(root, fname), directory))
                    labels.append(label)
    labels = np.array(labels, dtype="int32")
    np.random.RandomState(seed).shuffle(paths)
    np.random.RandomState(seed).shuffle(labels)
    return class_names, paths, labels


with tempfile.TemporaryDirectory() as root:
    for relative in TREE:
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").close()
    for seed, split in [(123, 0.3), (7, 0.2)]:
        class_names, paths, labels = index_directory(root, seed)
        n_val = int(split * len(paths))
        print(f"seed={seed} split={split} classes={class_names}")
        print("  training  ", paths[:-n_val], labels[:-n_val].tolist())
        print("  validation", paths[-n_val:], labels[-n_val:].tolist())
