"""The Dashboard tab (首页): what needs doing today, and how the last 7 and 30 days sold.

It opens at once with empty figures and reads them in the background (the task
runner), then again every minute while it is shown and on F5. Each figure is a
button: `link_activated(target, filter)` asks the main window to switch to that
tab with that filter (orders on hold, orders to ship, low stock, overdue cases,
a product).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopdesk.services.dashboard import Dashboard, DashboardFigures, SalesFigures, TopProduct, WorkFigures
from shopdesk.services.shop import Shop
from shopdesk.ui.i18n import money_locale
from shopdesk.ui.models.paged_table import Column
from shopdesk.ui.stock.list_model import ListTableModel
from shopdesk.ui.tasks import Progress, Task, TaskRunner
from shopdesk.ui.widgets.money import MoneyFormat

REFRESH_MS = 60_000
_ALERT = "#b02a37"


class FigureButton(QPushButton):
    """A big number with what it counts underneath; red when something waits."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = caption
        self.value: int | None = None
        self.setMinimumSize(150, 64)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_value(None)

    def show_value(self, value: int | None, *, alert: bool = False) -> None:
        self.value = value
        self.setText(f"{'–' if value is None else value}\n{self.caption}")
        colour = _ALERT if alert and value else "palette(text)"
        self.setStyleSheet(f"QPushButton {{ font-size: 15px; padding: 8px; color: {colour}; text-align: center; }}")


class DashboardTab(QWidget):
    """`link_activated(target, filter)`: show the target tab ("orders", "stock", "complaints", "products") filtered."""

    link_activated = Signal(str, dict)
    message = Signal(str)
    refreshed = Signal()

    def __init__(self, shop: Shop, runner: TaskRunner, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._shop = shop
        self._runner = runner
        self._dashboard = Dashboard(shop)
        self._tasks: dict[str, Task[Any]] = {}
        self.work: WorkFigures | None = None
        self.sales: SalesFigures | None = None
        self.money = MoneyFormat(shop.money.currency, shop.money.exponent, money_locale(language))

        self.to_review = FigureButton(self.tr("Orders to review"))
        self.to_ship = FigureButton(self.tr("Orders to ship"))
        self.low_stock = FigureButton(self.tr("Products low on stock"))
        self.overdue = FigureButton(self.tr("Overdue cases"))
        self.to_review.clicked.connect(lambda: self.link_activated.emit("orders", {"bucket": "on_hold"}))
        self.to_ship.clicked.connect(lambda: self.link_activated.emit("orders", {"bucket": "to_ship"}))
        self.low_stock.clicked.connect(lambda: self.link_activated.emit("stock", {"below_warning": True}))
        self.overdue.clicked.connect(lambda: self.link_activated.emit("complaints", {"due": "overdue"}))
        self.sales_7 = QLabel()
        self.sales_30 = QLabel()
        for label in (self.sales_7, self.sales_30):
            label.setStyleSheet("font-size: 15px;")
        self.updated = QLabel()
        self.updated.setStyleSheet("color: palette(mid);")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence.StandardKey.Refresh)
        shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.triggered.connect(self.refresh)
        self.addAction(shortcut)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Sales of the last 30 days (orders placed)"))
        self.chart.legend().hide()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(200)

        self.top: ListTableModel[TopProduct] = ListTableModel(
            [
                Column(self.tr("SKU"), lambda p: p.sku),
                Column(self.tr("Product"), lambda p: p.name),
                Column(self.tr("Units"), lambda p: f"{p.units:,}", numeric=True),
                Column(self.tr("Sales"), lambda p: self.money(p.sales), numeric=True),
            ],
            parent=self,
        )
        self.top_table = QTableView()
        self.top_table.setModel(self.top)
        self.top_table.verticalHeader().hide()
        self.top_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.top_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.top_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.top_table.activated.connect(self._open_product)
        self.top_table.setToolTip(self.tr("Double-click or press Enter to show the product"))

        cards = QHBoxLayout()
        for button in (self.to_review, self.to_ship, self.low_stock, self.overdue):
            cards.addWidget(button)
        cards.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(self.sales_7)
        header.addSpacing(24)
        header.addWidget(self.sales_30)
        header.addStretch(1)
        header.addWidget(self.updated)
        header.addWidget(refresh)
        lower = QGridLayout()
        lower.addWidget(self.chart_view, 0, 0)
        top_box = QVBoxLayout()
        top_box.addWidget(QLabel(self.tr("Top products, last 7 days")))
        top_box.addWidget(self.top_table)
        lower.addLayout(top_box, 0, 1)
        lower.setColumnStretch(0, 3)
        lower.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(cards)
        layout.addLayout(header)
        layout.addLayout(lower, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._timer.start()
        QTimer.singleShot(0, self.refresh)

    # Reading -------------------------------------------------------------------------------
    @property
    def figures(self) -> DashboardFigures | None:
        """What is on screen, once both parts have arrived."""
        return None if self.work is None or self.sales is None else DashboardFigures(self.work, self.sales)

    def refresh(self) -> None:
        """Read the figures again in the background: the work to do at once, the month's sales beside it."""
        if any(not task.finished for task in self._tasks.values()):
            return

        def read_work(_progress: Progress) -> WorkFigures:
            return self._dashboard.work()

        def read_sales(_progress: Progress) -> SalesFigures:
            return self._dashboard.sales()

        self._tasks = {
            "work": self._runner.run(self.tr("Reading the dashboard"), read_work, on_done=self.show_work),
            "sales": self._runner.run(self.tr("Reading the dashboard"), read_sales, on_done=self.show_sales),
        }

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.work is not None:
            self.refresh()

    # Showing -------------------------------------------------------------------------------
    def show_work(self, work: WorkFigures) -> None:
        self.work = work
        self.to_review.show_value(work.to_review, alert=True)
        self.to_ship.show_value(work.to_ship)
        self.low_stock.show_value(work.low_stock, alert=True)
        self.overdue.show_value(work.overdue_cases, alert=True)
        self.updated.setText(self.tr("Updated {time}").format(time=work.at.astimezone().strftime("%H:%M")))
        self._shown()

    def show_sales(self, figures: SalesFigures) -> None:
        self.sales = figures
        self.sales_7.setText(
            self.tr("Last 7 days: {sales} in %n order(s)", "", figures.orders_since(7)).format(
                sales=self.money(figures.sales_since(7))
            )
        )
        self.sales_30.setText(
            self.tr("Last 30 days: {sales} in %n order(s)", "", figures.orders_since(30)).format(
                sales=self.money(figures.sales_since(30))
            )
        )
        self.top.set_rows(figures.top_products)
        self.top_table.resizeColumnsToContents()
        self.top_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._draw_chart(figures)
        self._shown()

    def _shown(self) -> None:
        if all(task.finished for task in self._tasks.values()) and self.figures is not None:
            self.refreshed.emit()

    def _draw_chart(self, figures: SalesFigures) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        older, recent = QBarSet(self.tr("Earlier")), QBarSet(self.tr("Last 7 days"))
        older.setColor(QColor("#9db4d3"))
        recent.setColor(QColor("#2f6db5"))
        scale = Decimal(10) ** self.money.exponent
        top = 0.0
        for n, day in enumerate(figures.days):
            # Bar heights are pixels: the float is for drawing only, the amounts stay integers elsewhere.
            height = float(Decimal(day.sales) / scale)
            top = max(top, height)
            (recent if n >= len(figures.days) - 7 else older).append(height)
            (older if n >= len(figures.days) - 7 else recent).append(0.0)
        series = QBarSeries()
        series.setBarWidth(0.9)
        series.append(older)
        series.append(recent)
        series.setLabelsVisible(False)
        self.chart.addSeries(series)
        days = QBarCategoryAxis()
        days.append([d.day.strftime("%m-%d") for d in figures.days])
        days.setLabelsAngle(-90)
        days.setTruncateLabels(False)  # rotated "11-23" fits under its bar; truncated it shows as "⋮"
        values = QValueAxis()
        values.setRange(0, top * 1.1 if top else 1)
        values.applyNiceNumbers()  # ticks at round amounts
        values.setLabelFormat("%.0f")
        values.setTitleText(self._shop.money.currency)
        self.chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(days)
        series.attachAxis(values)

    def _open_product(self, index: Any) -> None:
        product = self.top.row_at(index.row())
        if product is not None:
            self.link_activated.emit("products", {"text": product.sku})
