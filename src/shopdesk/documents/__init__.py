"""Printed documents and printer output, made from the plain values in documents.data.

    render_labels(labels, size, mask_phones=...)  -> PDF bytes   labels.py (4x6, 100x150, 76x130, a6-on-a4)
    render_zpl(labels, size, mask_phones=...)     -> ZPL text    zpl.py (203 dpi thermal printers)
    render_pick_list(request)                     -> PDF bytes   picklist.py (consolidated + put wall, or per order)
    render_packing_slip(slip)                     -> PDF bytes   packing_slip.py
    render_purchase_order(po)                     -> PDF bytes   purchase_order.py

Every renderer checks its input first and raises ShopDeskError (or ValidationFailed
with every problem) naming the document and the field; nothing half-printed is
returned. Text goes through fonts.font_set(): the bundled CJK TrueType in
resources/fonts, then system fonts, character by character.
"""
