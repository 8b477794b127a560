"""ShopDesk: a desktop back office for small shops."""

__version__ = "0.1.0"
