"""Great-circle distances and the search area of the geo filters (radius in km)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from server import errors
from server.errors import ApiError

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), the usual radius of the haversine formula."""

P = TypeVar("P", bound="Located")


class Located(Protocol):
    @property
    def latitude(self) -> float | None: ...

    @property
    def longitude(self) -> float | None: ...


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Area:
    """A search point and an optional radius in km (None: no distance limit)."""

    latitude: float
    longitude: float
    radius_km: float | None

    def distance_to(self, place: Located) -> float | None:
        """Distance in km to a place, None when it has no coordinates."""
        if place.latitude is None or place.longitude is None:
            return None
        return haversine_km(self.latitude, self.longitude, place.latitude, place.longitude)

    def contains(self, distance: float | None) -> bool:
        if self.radius_km is None:
            return True
        return distance is not None and distance <= self.radius_km


def area_from(latitude: float | None, longitude: float | None, radius: float | None) -> Area | None:
    """The search area of a request, None without a point; ApiError 400 for bad input."""
    if latitude is None and longitude is None:
        if radius is not None:
            raise ApiError(errors.VALIDATION_FAILED, "radius needs latitude and longitude")
        return None
    if latitude is None or longitude is None:
        raise ApiError(errors.VALIDATION_FAILED, "latitude and longitude go together")
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise ApiError(errors.VALIDATION_FAILED, "latitude or longitude out of range")
    if radius is not None and (not math.isfinite(radius) or radius < 0):
        raise ApiError(errors.VALIDATION_FAILED, "radius must be 0 km or more")
    return Area(float(latitude), float(longitude), None if radius is None else float(radius))


def nearest(area: Area, places: Iterable[P]) -> tuple[P, float] | None:
    """The nearest place that has coordinates, with its distance in km."""
    best: tuple[P, float] | None = None
    for place in places:
        distance = area.distance_to(place)
        if distance is not None and (best is None or distance < best[1]):
            best = (place, distance)
    return best
