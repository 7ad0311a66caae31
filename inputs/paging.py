"""A list's page number, as browsers send it: read by inputs.numbers and kept within the pages there are, so
"?page=-1", "?page=abc" or "?page=99" show the first or last page rather than a "Page not found"."""

from inputs.numbers import LARGEST_PAGE, whole_number


class PageWithinRangeMixin:
    """For a ListView with paginate_by."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        asked = whole_number(self.request.GET.get(self.page_kwarg, ""), highest=LARGEST_PAGE) or 1
        page = paginator.page(min(asked, paginator.num_pages))
        return paginator, page, page.object_list, page.has_other_pages()
