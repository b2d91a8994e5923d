"""Files the tests read, all inside the repository: the seed documents' data that the demo
also loads (`<app>/demo_data/`), so tests and demo share one copy."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CRITERIA_CSV = ROOT / "scoring" / "demo_data" / "khoi-mttq-2020-tieu-chi.csv"
SELF_SCORE_CSV = ROOT / "scoring" / "demo_data" / "khoi-mttq-2020-ldld-lai-chau-tu-cham.csv"
QUOTA_CSV = ROOT / "awards" / "demo_data" / "lai-chau-hoi-nghi-dhtt-2020-phan-bo.csv"
CLUSTER_CSV = ROOT / "emulation" / "demo_data" / "cum-7-tinh-2023-6-thang-chi-tieu.csv"
