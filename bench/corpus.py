"""Generates documents in the seeds' style (crawl header or dateline, officials with ranks and
titles, date windows, counts with qualifiers) with varied values, for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

OUTLETS = ["TPO", "GD&TĐ", "LNV", "VNE", "TTO", "ANTĐ"]
PEOPLE = [
    ("Thượng tướng", "Nguyễn Văn Sơn", "Thứ trưởng Bộ Công an"),
    ("Trung tướng", "Lê Văn Tuyến", "Thứ trưởng Bộ Công an"),
    ("Thiếu tướng", "Trần Minh Đức", "Giám đốc Công an tỉnh Hà Nam"),
    (None, "Phạm Thị Hoa", "Phó Giám đốc Sở Y tế Hà Nội"),
]
PLACES = ["Hà Nam", "Vĩnh Phúc", "Yên Bái", "Hưng Yên", "Đà Nẵng", "Cần Thơ", "Hà Nội"]
UNITS = ["ca", "vụ", "đối tượng", "lượt cán bộ, chiến sĩ", "trường hợp", "tổ, chốt"]
QUALIFIERS = ["", "", "trên ", "gần ", "khoảng ", "hơn "]


def _number(rng: random.Random) -> str:
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10000, 999999)])
    return f"{n:,}".replace(",", ".")


def document(rng: random.Random, i: int) -> str:
    year = rng.choice([2020, 2021, 2022, 2023])
    month = rng.randint(1, 12)
    day = rng.randint(1, 25)
    rank, name, title = rng.choice(PEOPLE)
    who = f"{rank + ' ' if rank else ''}{name}, {title}"
    place = rng.choice(PLACES)
    paragraphs = [
        f"Cụ thể, chiều {day}/{month}, {who} chủ trì buổi làm việc trực tuyến về công tác "
        f"phòng chống dịch COVID-19 của công an một số đơn vị, địa phương.",
        f"Theo báo cáo tại buổi làm việc, từ ngày {day}/{month}/{year} đến ngày "
        f"{day + 3}/{month}/{year} đã có {rng.randint(5, 90)} ca lây nhiễm COVID-19 được phát "
        f"hiện, bao gồm {rng.randint(1, 4)} ca bệnh liên quan đến bệnh nhân "
        f"{rng.randint(1000, 9999)} tại {place}.",
    ]
    for _ in range(rng.randint(6, 10)):
        paragraphs.append(
            f"Lực lượng công an đã huy động {rng.choice(QUALIFIERS)}{_number(rng)} "
            f"{rng.choice(UNITS)} tham gia phòng chống dịch tại {rng.choice(PLACES)}, "
            f"đồng thời xử lý {_number(rng)} vụ vi phạm quy định về phòng chống dịch bệnh. "
            f"Lực lượng tập trung bảo vệ bầu cử Quốc hội Khóa XV và Hội đồng nhân dân các cấp "
            f"nhiệm kỳ {year} - {year + 5}; thực hiện nghiêm quy định 5K nơi công cộng."
        )
    if rng.random() < 0.5:
        head = f" date {year}-{month:02d} "
    else:
        head = f"{rng.choice(OUTLETS)} - "
    return head + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{i // 1000:03d}" / f"doc{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(document(rng, i), encoding="utf-8")
        paths.append(path)
    return paths
