"""Loading Vietnam's administrative units from the ``vietnam-provinces`` package's JSON.

Two JSON shapes are understood, and the scheme is told from the structure:

* pre-2025 (``vietnam-provinces`` up to 0.6): provinces hold ``districts``, which hold
  ``wards`` (communes, wards and towns) → scheme "pre2025", levels province/district/commune;
* 2025 (``vietnam-provinces`` 2025.x): provinces hold ``wards`` directly, there are no
  districts → scheme "2025", levels province/commune.

Loading is bulk and idempotent: units are keyed by (scheme, level, official code); a second
run creates nothing and only rewrites units whose name, type or parent changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F

from .models import AdministrativeUnit, Level, Scheme

BATCH_SIZE = 500
COMPARED_FIELDS = ("name", "division_type", "codename", "parent_id", "province_id")


class RegionDataError(ValueError):
    """The JSON given does not look like administrative-unit data."""


@dataclass
class LoadResult:
    scheme: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())

    def summary(self) -> str:
        parts = []
        for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
            if level in self.created:
                parts.append(
                    f"{level}: {self.created[level]} created, {self.updated[level]} updated, "
                    f"{self.unchanged[level]} unchanged"
                )
        return f"scheme {self.scheme} — " + "; ".join(parts)


def package_json_path() -> Path:
    """The nested JSON shipped with the installed ``vietnam-provinces`` package."""
    import vietnam_provinces

    return Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH)


def read_json(path: str | Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise RegionDataError(f"Cannot read {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise RegionDataError(f"{path} is not valid JSON: {exc}") from exc
    return data


def detect_scheme(provinces: list[dict]) -> str:
    """ "pre2025" when provinces hold districts, "2025" when they hold wards directly."""
    if not isinstance(provinces, list) or not provinces:
        raise RegionDataError("Expected a non-empty list of provinces.")
    if not all(isinstance(p, dict) and "code" in p and "name" in p for p in provinces):
        raise RegionDataError("Every province needs at least a code and a name.")
    if any("districts" in p for p in provinces):
        if any("wards" in p and "districts" not in p for p in provinces):
            raise RegionDataError("Provinces mix the pre-2025 and 2025 shapes.")
        return Scheme.PRE_2025
    if all("wards" in p for p in provinces):
        return Scheme.FROM_2025
    raise RegionDataError("Provinces hold neither 'districts' nor 'wards'.")


def _row(item: dict, level: str, parent_code: int | None, province_code: int) -> dict:
    return {
        "level": level,
        "code": int(item["code"]),
        "name": str(item["name"]).strip(),
        "division_type": str(item.get("division_type") or "").strip(),
        "codename": str(item.get("codename") or "").strip(),
        "parent_code": parent_code,
        "province_code": province_code,
    }


def flatten(provinces: list[dict], scheme: str) -> dict[str, list[dict]]:
    """Rows per level; each row names its parent and province by official code."""
    rows: dict[str, list[dict]] = {Level.PROVINCE: [], Level.DISTRICT: [], Level.COMMUNE: []}
    for province in provinces:
        pcode = int(province["code"])
        rows[Level.PROVINCE].append(_row(province, Level.PROVINCE, None, pcode))
        if scheme == Scheme.PRE_2025:
            for district in province.get("districts") or []:
                dcode = int(district["code"])
                rows[Level.DISTRICT].append(_row(district, Level.DISTRICT, pcode, pcode))
                for ward in district.get("wards") or []:
                    rows[Level.COMMUNE].append(_row(ward, Level.COMMUNE, dcode, pcode))
        else:
            for ward in province.get("wards") or []:
                rows[Level.COMMUNE].append(_row(ward, Level.COMMUNE, pcode, pcode))
    if scheme == Scheme.FROM_2025:
        del rows[Level.DISTRICT]
    return rows


PARENT_LEVEL = {
    (Scheme.PRE_2025, Level.DISTRICT): Level.PROVINCE,
    (Scheme.PRE_2025, Level.COMMUNE): Level.DISTRICT,
    (Scheme.FROM_2025, Level.COMMUNE): Level.PROVINCE,
}


@transaction.atomic
def load_units(provinces: list[dict], province_codes: Iterable[int] | None = None) -> LoadResult:
    """Create or update the units described by ``provinces`` (optionally only some)."""
    scheme = detect_scheme(provinces)
    if province_codes:
        wanted = {int(c) for c in province_codes}
        provinces = [p for p in provinces if int(p["code"]) in wanted]
        missing = wanted - {int(p["code"]) for p in provinces}
        if missing:
            raise RegionDataError(
                "No province with code " + ", ".join(str(c) for c in sorted(missing))
            )
    rows_by_level = flatten(provinces, scheme)
    result = LoadResult(scheme=str(scheme))

    units = AdministrativeUnit.objects.filter(scheme=scheme)
    # (level, code) → (pk, name, division_type, codename, parent_id, province_id)
    existing = {
        (level, code): rest
        for level, code, *rest in units.values_list(
            "level", "code", "pk", "name", "division_type", "codename", "parent_id", "province_id"
        )
    }
    ids = {key: values[0] for key, values in existing.items()}

    for level, rows in rows_by_level.items():
        parent_level = PARENT_LEVEL.get((scheme, level))
        to_create, to_update = [], []
        unchanged = 0
        for row in rows:
            key = (level, row["code"])
            parent_id = ids[(parent_level, row["parent_code"])] if parent_level else None
            province_id = ids.get((Level.PROVINCE, row["province_code"]))
            values = {
                "name": row["name"],
                "division_type": row["division_type"],
                "codename": row["codename"],
                "parent_id": parent_id,
                "province_id": province_id,
            }
            if key not in existing:
                to_create.append(
                    AdministrativeUnit(scheme=scheme, level=level, code=row["code"], **values)
                )
                continue
            pk, *current = existing[key]
            if tuple(current) == tuple(values[f] for f in COMPARED_FIELDS):
                unchanged += 1
            else:
                to_update.append(AdministrativeUnit(pk=pk, **values))
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if to_update:
            AdministrativeUnit.objects.bulk_update(
                to_update, ["name", "division_type", "codename", "parent", "province"], BATCH_SIZE
            )
        if level == Level.PROVINCE and to_create:
            # A province is its own province; its pk is known only once it is saved.
            units.filter(level=Level.PROVINCE, province__isnull=True).update(province=F("pk"))
        if to_create:
            ids.update(
                ((level, code), pk)
                for code, pk in units.filter(level=level).values_list("code", "pk")
            )
        result.created[level] = len(to_create)
        result.updated[level] = len(to_update)
        result.unchanged[level] = unchanged
    return result


def load_regions(json_path: str | Path | None = None, province_codes=None) -> LoadResult:
    """Load from ``json_path``, or from the installed package's data when None."""
    provinces = read_json(json_path or package_json_path())
    return load_units(provinces, province_codes=province_codes)
