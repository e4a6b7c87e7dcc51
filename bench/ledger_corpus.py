"""An archive of seed-style news for the ledger benchmark: five years of daily reports by
several outlets, with case bulletins per province and window, officials with their ranks and
posts, patients' positive tests, and figures without a date of their own.

Outlets mostly agree (a figure is a function of what it measures), and a few reports
disagree, as they do in real archives; so a draft meets a realistic number of related claims
however large the archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

OUTLETS = ["TPO", "VNE", "TTO", "ANTĐ", "LNV", "GD&TĐ", "KTĐT", "VOV"]
PROVINCES = [
    "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hà Nam", "Nam Định", "Thái Bình", "Ninh Bình",
    "Vĩnh Phúc", "Bắc Ninh", "Bắc Giang", "Hưng Yên", "Hải Dương", "Quảng Ninh", "Yên Bái",
    "Lào Cai", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Huế", "Quảng Nam",
    "Quảng Ngãi", "Bình Định", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Bình Dương",
    "Long An", "Tiền Giang", "An Giang", "Kiên Giang", "Cà Mau",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Ngọc", "Xuân"]
GIVEN = ["Sơn", "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Bình", "Hoa", "Lan", "Mai",
         "Hương", "Thắng", "Cường", "Phong", "Quang", "Trung", "Tâm", "Khoa", "Vinh"]
RANKS = ["Đại tá", "Thiếu tướng", "Trung tướng"]
FILLER = [
    "Công tác phòng, chống dịch được triển khai đồng bộ, quyết liệt với sự tham gia của cả hệ "
    "thống chính trị và sự đồng thuận của nhân dân trên địa bàn.",
    "Các lực lượng chức năng tiếp tục tăng cường tuyên truyền, vận động người dân thực hiện "
    "nghiêm các biện pháp phòng dịch tại nơi công cộng, khu dân cư và cơ sở sản xuất.",
    "Lãnh đạo địa phương yêu cầu các sở, ngành rà soát phương án, chuẩn bị sẵn sàng cơ sở "
    "cách ly, trang thiết bị y tế và nhân lực để ứng phó với mọi tình huống.",
    "Người dân được khuyến cáo theo dõi sức khỏe, khai báo y tế trung thực và liên hệ ngay với "
    "cơ sở y tế gần nhất khi có biểu hiện bất thường.",
    "Ngành y tế đề nghị các cơ quan, đơn vị, doanh nghiệp xây dựng kế hoạch bảo đảm an toàn, "
    "bố trí khu vực cách ly tạm thời và phân công người phụ trách công tác phòng dịch; các "
    "trường học tiếp tục duy trì việc đo thân nhiệt, sát khuẩn và giãn cách chỗ ngồi.",
    "Tại các chốt kiểm soát ra vào địa bàn, lực lượng công an, quân đội và y tế phối hợp kiểm "
    "tra phương tiện, hướng dẫn hành khách khai báo và đo thân nhiệt; các trường hợp đi từ vùng "
    "có dịch được yêu cầu tự theo dõi sức khỏe tại nhà theo hướng dẫn của cơ quan chức năng.",
    "Chính quyền cơ sở được giao nhiệm vụ nắm chắc tình hình người dân trở về từ các địa "
    "phương khác, kịp thời phát hiện, xử lý nghiêm các trường hợp cố tình không khai báo hoặc "
    "khai báo không trung thực, gây khó khăn cho công tác truy vết và khoanh vùng dập dịch.",
]
START = dt.date(2019, 1, 1)
DAYS = 5 * 365


def _stable(*parts: object, mod: int) -> int:
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % mod


def people(count: int = 400) -> list[tuple[str, str | None, str]]:
    """(name, rank or None, post): each official keeps one rank and one post."""
    rng = random.Random(11)
    out = []
    for i in range(count):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        province = PROVINCES[i % len(PROVINCES)]
        if i % 3 == 0:
            out.append((name, rng.choice(RANKS), f"Giám đốc Công an tỉnh {province}"))
        elif i % 3 == 1:
            out.append((name, None, f"Giám đốc Sở Y tế {province}"))
        else:
            out.append((name, None, f"Chủ tịch UBND tỉnh {province}"))
    return out


def cases(province: str, first: dt.date, last: dt.date) -> int:
    """The true number of new cases of a province in a window."""
    return 3 + _stable(province, first, last, mod=180)


def _day(d: dt.date) -> str:
    return f"{d.day}/{d.month}/{d.year}"


def bulletin(province: str, published: dt.date, value: int | None = None) -> str:
    first, last = published - dt.timedelta(days=3), published - dt.timedelta(days=1)
    n = cases(province, first, last) if value is None else value
    return (f"Theo báo cáo của Sở Y tế, từ ngày {_day(first)} đến ngày {_day(last)} đã ghi "
            f"nhận {n} ca mắc mới trong cộng đồng tại {province}.")


def official(person: tuple[str, str | None, str], day: dt.date, rank: str | None = None) -> str:
    name, own_rank, post = person
    who = f"{rank or own_rank} {name}" if (rank or own_rank) else f"ông {name}"
    return (f"Chiều {day.day}/{day.month}, {who}, {post} chủ trì cuộc họp trực tuyến về công "
            "tác phòng, chống dịch với các sở, ngành.")


def patient(published: dt.date, rng: random.Random) -> str:
    # Patients numbered by the day they were found, so reports of one day name the same ones.
    found = published - dt.timedelta(days=2)
    number = 1000 + (found - START).days * 3 + rng.randint(0, 2)
    day = found if rng.random() > 0.02 else found - dt.timedelta(days=1)
    return f"BN{number} có kết quả xét nghiệm dương tính với SARS-CoV-2 ngày {_day(day)}."


def document(rng: random.Random, staff: list[tuple[str, str | None, str]]) -> str:
    published = START + dt.timedelta(days=rng.randrange(DAYS))
    paragraphs = []
    for province in rng.sample(PROVINCES, rng.randint(1, 3)):
        wrong = rng.random() < 0.02
        value = cases(province, published - dt.timedelta(days=3),
                      published - dt.timedelta(days=1)) + (rng.randint(1, 9) if wrong else 0)
        paragraphs.append(bulletin(province, published, value))
    person = rng.choice(staff)
    rank = rng.choice(RANKS) if person[1] and rng.random() < 0.01 else None
    paragraphs.append(official(person, published - dt.timedelta(days=1), rank))
    paragraphs.append(patient(published, rng))
    paragraphs.append(
        f"Lực lượng chức năng đã kiểm tra {rng.randint(20, 900)} cơ sở kinh doanh, xử phạt "
        f"{rng.randint(1, 60)} trường hợp vi phạm với tổng số tiền {rng.randint(5, 400)} "
        "triệu đồng.")
    paragraphs += rng.sample(FILLER, 5)
    rng.shuffle(paragraphs)
    head = f" date {published.year}-{published.month:02d} {rng.choice(OUTLETS)} - "
    return head + "\n\n".join(paragraphs) + "\n"


def write_archive(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    staff = people()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{i // 1000:03d}" / f"doc{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(document(rng, staff), encoding="utf-8")
        paths.append(path)
    return paths


def draft_for(archived: Path, folder: Path) -> Path:
    """A draft published the day after an archived article, giving one of its provinces
    another case count for the same window (and its official with the same rank)."""
    text = archived.read_text(encoding="utf-8")
    line = next(p for p in text.split("\n\n") if "ca mắc mới" in p)
    province = line.split(" tại ")[1].rstrip(".")
    last = line.split("đến ngày ")[1].split(" ")[0]
    d, m, y = (int(x) for x in last.split("/"))
    published = dt.date(y, m, d) + dt.timedelta(days=1)
    value = int(line.split(" nhận ")[1].split(" ")[0]) + 7
    body = "\n\n".join([
        bulletin(province, published, value),
        "Công tác truy vết, khoanh vùng được triển khai khẩn trương ngay trong đêm.",
    ])
    draft = folder / "draft.md"
    draft.write_text(f"---\nsource: Bản nháp\npublished: {published.isoformat()}\n---\n{body}\n",
                     encoding="utf-8")
    return draft
