"""The Orders tab (订单): the list by status bucket, one order's detail, entry, packing by scan, shipping."""
