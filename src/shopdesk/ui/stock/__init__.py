"""The Stock tab (库存): stock levels, move history, stock dialogs, stocktakes, purchase orders and low-stock alerts."""
