"""Theme classification quality on the coded NHS comments: 5-fold stratified cross-validation of
ThemeModel against the baseline (word 1-2 gram TF-IDF + one-vs-rest LinearSVC, balanced), per-theme
F1, and a learning curve. Prints figures; not a test. Run: .venv/bin/python bench/theme_quality.py"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _data import load_nhs

from analysis.themes import ThemeModel


def fit_predict_model(train_x, train_y, test_x):
    model = ThemeModel().fit(train_x, [{label} for label in train_y])
    return [max(scores, key=scores.get) for scores in model.predict_scores(test_x)]


def fit_predict_baseline(train_x, train_y, test_x):
    vectoriser = TfidfVectorizer(ngram_range=(1, 2))
    classifier = OneVsRestClassifier(LinearSVC(class_weight="balanced"))
    classifier.fit(vectoriser.fit_transform(train_x), train_y)
    return list(classifier.predict(vectoriser.transform(test_x)))


def cross_validate(texts, labels, method, size=None):
    predicted = np.empty(len(labels), dtype=object)
    seconds = []
    rng = np.random.default_rng(0)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
        if size is not None:
            train = np.sort(rng.choice(train, size, replace=False))
        start = time.perf_counter()
        predicted[test] = method(list(texts[train]), list(labels[train]), list(texts[test]))
        seconds.append(time.perf_counter() - start)
    predicted = predicted.astype(str)
    return predicted, seconds


def main() -> None:
    rows = load_nhs()
    texts = np.array([row["feedback"] for row in rows], dtype=object)
    labels = np.array([row["label"] for row in rows])
    print(f"{len(texts)} texts, {len(set(labels))} themes; 5-fold stratified CV, seed 0")
    results = {}
    for name, method in (("baseline", fit_predict_baseline), ("ThemeModel", fit_predict_model)):
        predicted, seconds = cross_validate(texts, labels, method)
        results[name] = predicted
        print(
            f"{name:10s} macro-F1 {f1_score(labels, predicted, average='macro'):.3f}"
            f"  accuracy {accuracy_score(labels, predicted):.3f}"
            f"  fit+predict per fold {np.mean(seconds):.1f} s"
        )
    themes = sorted(set(labels))
    print("\nper-theme F1 (support): baseline -> ThemeModel")
    base = f1_score(labels, results["baseline"], average=None, labels=themes)
    ours = f1_score(labels, results["ThemeModel"], average=None, labels=themes)
    for theme, b, o in zip(themes, base, ours, strict=True):
        print(f"  {theme:28s} ({(labels == theme).sum():5d})  {b:.3f} -> {o:.3f}")
    print("\nlearning curve (training texts per fold: baseline / ThemeModel macro-F1, accuracy)")
    for size in (100, 250, 500, 1000, 2000):
        line = f"  {size:5d}"
        for method in (fit_predict_baseline, fit_predict_model):
            predicted, _ = cross_validate(texts, labels, method, size)
            line += f"  {f1_score(labels, predicted, average='macro'):.3f} / "
            line += f"{accuracy_score(labels, predicted):.3f}"
        print(line)


if __name__ == "__main__":
    main()
