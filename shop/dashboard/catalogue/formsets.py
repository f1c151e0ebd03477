"""Oscar's product formsets; a post without the stock-record forms is a form error, not a crash."""

from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403
from oscar.apps.dashboard.catalogue.formsets import (
    StockRecordFormSet as CoreStockRecordFormSet,
)


class StockRecordFormSet(CoreStockRecordFormSet):
    def set_initial_data(self):
        if self.forms:
            super().set_initial_data()
