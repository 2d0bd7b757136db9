"""Shared fixtures. Tests run offline; ones that need ../shared skip cleanly without it."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

from vnyouth.data import load_seeds, seeds_dir  # noqa: E402


@pytest.fixture(scope="session")
def seeds():
    """The five seed articles, or skip when ../shared/seeds is absent."""
    if seeds_dir() is None:
        pytest.skip("../shared/seeds not present")
    return load_seeds()


TINY_ARTICLES = [
    ("Thường trực Tỉnh ủy làm việc với Tỉnh đoàn", "Sáng 9/1, Thường trực Tỉnh ủy làm việc với Ban Thường vụ Tỉnh đoàn về kết quả công tác Đoàn.", "working_session"),
    ("Bí thư Huyện ủy làm việc với Huyện đoàn", "Chiều 12/3, đồng chí Bí thư Huyện ủy đã có buổi làm việc với Ban Thường vụ Huyện đoàn.", "working_session"),
    ("UBND tỉnh làm việc với Tỉnh đoàn về thanh niên khởi nghiệp", "Lãnh đạo UBND tỉnh đã làm việc với Tỉnh đoàn, nghe báo cáo kết quả hỗ trợ thanh niên.", "working_session"),
    ("Tỉnh đoàn tổng kết công tác năm 2023", "Ngày 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023, triển khai nhiệm vụ năm 2024.", "year_end_review"),
    ("Thành đoàn tổng kết công tác Đoàn năm 2022", "Sáng 28/12, Thành đoàn tổ chức hội nghị tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2022.", "year_end_review"),
    ("Đoàn trường tổng kết năm học", "Đoàn trường tổ chức hội nghị tổng kết công tác Đoàn năm học 2022 - 2023.", "year_end_review"),
    ("Tỉnh đoàn sơ kết công tác 6 tháng đầu năm", "Ngày 10/7, Tỉnh đoàn tổ chức hội nghị sơ kết công tác Đoàn 6 tháng đầu năm 2024.", "interim_review"),
    ("Sơ kết 3 năm thực hiện Kết luận 07", "Ban Thường vụ Tỉnh đoàn tổ chức hội nghị sơ kết 3 năm thực hiện Kết luận số 07.", "interim_review"),
    ("Giao ban công tác Đoàn quý III", "Thành đoàn tổ chức hội nghị giao ban công tác Đoàn quý III, sơ kết 9 tháng.", "interim_review"),
    ("Đoàn công tác T.Ư Đoàn kiểm tra tại Sơn La", "Chiều 29/11, đoàn công tác T.Ư Đoàn đã làm việc, kiểm tra công tác Đoàn tại Tỉnh đoàn Sơn La.", "central_inspection"),
    ("Trung ương Đoàn kiểm tra công tác Đoàn tại Lào Cai", "Đoàn kiểm tra của Ban Bí thư Trung ương Đoàn làm việc với Tỉnh đoàn Lào Cai.", "central_inspection"),
    ("T.Ư Đoàn giám sát Thành đoàn Cần Thơ", "Đoàn giám sát của Ủy ban Kiểm tra T.Ư Đoàn làm việc với Thành đoàn Cần Thơ.", "central_inspection"),
    ("Đại hội Đoàn tỉnh lần thứ XV", "Đại hội đại biểu Đoàn TNCS Hồ Chí Minh tỉnh lần thứ XV, nhiệm kỳ 2022 - 2027 khai mạc.", "other"),
    ("Ra quân chiến dịch Mùa hè xanh", "Sáng 1/7, Thành đoàn tổ chức lễ ra quân chiến dịch tình nguyện Mùa hè xanh.", "other"),
    ("Tập huấn kỹ năng cho cán bộ Đoàn", "Tỉnh đoàn tổ chức lớp tập huấn nghiệp vụ công tác Đoàn cho 120 cán bộ cơ sở.", "other"),
]


@pytest.fixture(scope="session")
def tiny():
    """A tiny labelled set built here: (records, labels)."""
    X = [{"title": t, "text": b} for t, b, _ in TINY_ARTICLES]
    y = [lab for _, _, lab in TINY_ARTICLES]
    return X, y
