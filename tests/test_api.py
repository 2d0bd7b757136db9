"""classify / classify_many with the shipped model: results, bad input, public API."""
import dataclasses
import inspect

import pytest

import vnyouth
from vnyouth import ClassificationResult, classify, classify_many
from vnyouth.document import MAX_CHARS

ARTICLE = ("Thường trực Tỉnh ủy làm việc với Tỉnh đoàn\n\nSáng 9/1, Thường trực Tỉnh ủy đã làm việc với "
           "Ban Thường vụ Tỉnh đoàn về kết quả công tác Đoàn năm 2023 và nhiệm vụ năm 2024.")


def test_result_shape_and_immutability():
    r = classify(ARTICLE)
    assert isinstance(r, ClassificationResult)
    assert r.label in vnyouth.LABELS
    assert list(r.scores) == list(vnyouth.LABELS)
    assert abs(sum(r.scores.values()) - 1) < 1e-6
    assert r.confidence == max(r.scores.values())
    assert all(isinstance(e, str) for e in r.evidence)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.label = "other"
    with pytest.raises(TypeError):
        r.scores["other"] = 1.0
    assert r.to_dict()["label"] == r.label


def test_classify_many_matches_classify():
    texts = [ARTICLE, "Tỉnh đoàn tổ chức lễ ra quân chiến dịch Mùa hè xanh năm 2024 tại huyện Đồng Văn."]
    many = classify_many(texts)
    assert [m.label for m in many] == [classify(t).label for t in texts]
    assert classify_many([]) == []


@pytest.mark.parametrize("bad,exc,match", [
    ("", ValueError, "empty"), ("   \n\t ", ValueError, "empty"), (None, TypeError, "NoneType"),
    (b"bytes", TypeError, "decode it first"), (["a"], TypeError, "classify_many"), (42, TypeError, "int"),
    ("Ảnh: Minh Hà\n\nLiên kết website", ValueError, "no article text left"),
])
def test_bad_input(bad, exc, match):
    with pytest.raises(exc, match=match):
        classify(bad)


def test_classify_many_names_the_bad_index():
    with pytest.raises(ValueError, match=r"texts\[1\]"):
        classify_many([ARTICLE, ""])
    with pytest.raises(TypeError, match="list of str"):
        classify_many(ARTICLE)


def test_english_and_random_text_get_a_result():
    for text in ("The committee met on Monday to discuss the budget.", "qwx zzv 1234 !!! ???"):
        r = classify(text)
        assert r.label in vnyouth.LABELS and 0 <= r.confidence <= 1


def test_huge_input_is_truncated_not_crashing():
    r = classify(ARTICLE + "\n\n" + "Đoàn viên tham gia hoạt động tình nguyện. " * (MAX_CHARS // 20))
    assert r.label in vnyouth.LABELS


def test_public_api_is_documented():
    assert vnyouth.__all__
    for name in vnyouth.__all__:
        obj = getattr(vnyouth, name)
        if name in ("__version__", "LABELS"):
            continue
        doc = inspect.getdoc(obj)
        assert doc and doc.strip().splitlines()[0], f"{name} has no docstring summary"


def test_import_loads_no_model():
    import subprocess
    import sys
    code = ("import sys, vnyouth; assert 'sklearn' not in sys.modules, 'sklearn imported'; "
            "assert 'vnyouth.api' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
