"""Values a `nguong` criterion can take from the app's own data instead of typing.

A metric is declared here with its label; the app that owns the data registers the
provider that computes it for a unit and year. The share of individual awards that went
to direct workers (seed 000, III.3.2; domain rule 7) is provided by the awards app once
awards are recorded there; until a provider answers, the scorer enters the value.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

Provider = Callable[[object, int], Decimal | None]


@dataclass
class Metric:
    key: str
    label: str
    provider: Provider | None = None


REGISTRY: dict[str, Metric] = {}


def declare(key: str, label: str) -> Metric:
    return REGISTRY.setdefault(key, Metric(key, label))


def provide(key: str, provider: Provider) -> None:
    """Called by the app that owns the data (in its AppConfig.ready)."""
    REGISTRY[key].provider = provider


def metric_value(key: str, *, unit, year: int) -> Decimal | None:
    metric = REGISTRY.get(key)
    if metric is None or metric.provider is None:
        return None
    return metric.provider(unit, year)


DIRECT_WORKER_SHARE = declare(
    "ty_le_nguoi_lao_dong_truc_tiep", _("Tỷ lệ khen thưởng cá nhân cho người lao động trực tiếp (%)")
)
