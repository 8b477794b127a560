"""All mapped tables; importing this package registers them on Base.metadata."""

from shopdesk.db.models.aftersales import Case, CaseEvidence, CaseLine, ReturnReceipt
from shopdesk.db.models.audit import AuditEvent
from shopdesk.db.models.base import Base
from shopdesk.db.models.catalogue import Barcode, Category, Product, ProductSupplier
from shopdesk.db.models.locations import Location
from shopdesk.db.models.orders import OrderRefund, SalesOrder, SalesOrderLine
from shopdesk.db.models.parties import Customer, CustomerAddress, CustomerPhone, Supplier
from shopdesk.db.models.purchasing import PurchaseOrder, PurchaseOrderLine, PurchaseReceipt, PurchaseReceiptLine
from shopdesk.db.models.settings import ImportProfile, ShopSetting
from shopdesk.db.models.stock import (
    ProductWarehouse,
    StockBalance,
    StockCostLayer,
    StockLevel,
    StockMove,
    StockReservation,
    StockTransfer,
    StockValuation,
)
from shopdesk.db.models.stocktake import Stocktake, StocktakeLine
from shopdesk.db.models.sync import ChannelSkuMap, OutboxItem, SalesChannel, SyncLogEntry, WaitingOrder
from shopdesk.db.models.users import AppUser

__all__ = [
    "AppUser",
    "AuditEvent",
    "Barcode",
    "Base",
    "Case",
    "CaseEvidence",
    "CaseLine",
    "Category",
    "ChannelSkuMap",
    "Customer",
    "CustomerAddress",
    "CustomerPhone",
    "ImportProfile",
    "Location",
    "OrderRefund",
    "OutboxItem",
    "Product",
    "ProductSupplier",
    "ProductWarehouse",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "PurchaseReceipt",
    "PurchaseReceiptLine",
    "ReturnReceipt",
    "SalesChannel",
    "SalesOrder",
    "SalesOrderLine",
    "ShopSetting",
    "StockBalance",
    "StockCostLayer",
    "StockLevel",
    "StockMove",
    "StockReservation",
    "StockTransfer",
    "StockValuation",
    "Stocktake",
    "StocktakeLine",
    "Supplier",
    "SyncLogEntry",
    "WaitingOrder",
]
