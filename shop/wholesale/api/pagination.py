from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000_000


class Pagination(LimitOffsetPagination):
    """Limit/offset pages of at most 200 items; offsets beyond any real list are capped (the
    database refuses numbers past its integer range)."""

    default_limit = 50
    max_limit = 200

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)
