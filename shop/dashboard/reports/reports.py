"""Oscar's report classes; every report's CSV is written with inert cells.

Oscar's order, basket, offer, voucher and analytics reports load ``ReportCSVFormatter`` with
``get_class("dashboard.reports.reports", …)``, so they all get this writer.
"""

from oscar.apps.dashboard.reports.reports import *  # noqa: F403
from oscar.apps.dashboard.reports.reports import ReportCSVFormatter as CoreReportCSVFormatter

from shop.core.csvfiles import SafeUnicodeCSVWriter


class ReportCSVFormatter(CoreReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return SafeUnicodeCSVWriter(open_file=file_handle, **kwargs)
