import pytest

from vnyouth.sentences import split_sentences


@pytest.mark.parametrize("text,expected", [
    ("TP. Hồ Chí Minh có 1.700 ĐVTN. Hội nghị bế mạc.", ["TP. Hồ Chí Minh có 1.700 ĐVTN.", "Hội nghị bế mạc."]),
    ("Bí thư T.Ư Đoàn dự. PGS.TS Lê An và Th.S Trần Bình phát biểu.",
     ["Bí thư T.Ư Đoàn dự.", "PGS.TS Lê An và Th.S Trần Bình phát biểu."]),
    ("Đạt 2,819 tỷ đồng. Ngày 15/11/2021, hội nghị họp. Sáng 9/1. Xong.",
     ["Đạt 2,819 tỷ đồng.", "Ngày 15/11/2021, hội nghị họp.", "Sáng 9/1.", "Xong."]),
    ("Hội nghị thành công tốt đẹp./.", ["Hội nghị thành công tốt đẹp./."]),
    ("Mô hình “3 cùng”… Trong đó, mô hình hay.", ["Mô hình “3 cùng”…", "Trong đó, mô hình hay."]),
    ("Ông nói: “Phải đi đầu. Không chùn bước.” Sau đó họp tiếp.",
     ["Ông nói: “Phải đi đầu. Không chùn bước.”", "Sau đó họp tiếp."]),
    ("cấp tỉnh.100% cán bộ có bằng. Là 143 đồng chí.Nhiều cán bộ được khen.",
     ["cấp tỉnh.", "100% cán bộ có bằng.", "Là 143 đồng chí.", "Nhiều cán bộ được khen."]),
    ("Vì sao? Bởi vì thanh niên đi đầu! Đúng vậy.", ["Vì sao?", "Bởi vì thanh niên đi đầu!", "Đúng vậy."]),
    ("ThS. Lê Văn B dự. Ông Nguyễn V. An phát biểu.", ["ThS. Lê Văn B dự.", "Ông Nguyễn V. An phát biểu."]),
])
def test_split(text, expected):
    assert split_sentences(text) == expected


def test_never_across_paragraphs():
    assert split_sentences("Tiêu đề không dấu chấm\nĐoạn một. Đoạn hai") == [
        "Tiêu đề không dấu chấm", "Đoạn một.", "Đoạn hai"]


def test_list_items_are_their_own_sentences():
    text = "Các nhiệm vụ:\n- Tổ chức 20 hoạt động;\n- Xây dựng 5 công trình."
    assert split_sentences(text) == ["Các nhiệm vụ:", "- Tổ chức 20 hoạt động;", "- Xây dựng 5 công trình."]


def test_empty():
    assert split_sentences("") == []
    assert split_sentences("  \n \n") == []
