<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditLogDialog</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to {path}</source>
        <translation>
            <numerusform>%n event exported to {path}</numerusform>
            <numerusform>%n events exported to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message numerus="yes">
        <source>reopened %n time(s)</source>
        <translation>
            <numerusform>reopened once</numerusform>
            <numerusform>reopened %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message numerus="yes">
        <source>%n row(s) read: {new} new, {update} to update, {unchanged} unchanged.</source>
        <translation>
            <numerusform>%n row read: {new} new, {update} to update, {unchanged} unchanged.</numerusform>
            <numerusform>%n rows read: {new} new, {update} to update, {unchanged} unchanged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems:</source>
        <translation>
            <numerusform>%n row has problems:</numerusform>
            <numerusform>%n rows have problems:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n duplicate customer(s)</source>
        <translation>
            <numerusform>Merged %n duplicate customer</numerusform>
            <numerusform>Merged %n duplicate customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message numerus="yes">
        <source>Last 7 days: {sales} in %n order(s)</source>
        <translation>
            <numerusform>Last 7 days: {sales} in %n order</numerusform>
            <numerusform>Last 7 days: {sales} in %n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last 30 days: {sales} in %n order(s)</source>
        <translation>
            <numerusform>Last 30 days: {sales} in %n order</numerusform>
            <numerusform>Last 30 days: {sales} in %n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>Keep {name} and merge %n other customer(s) into it? This cannot be undone.</source>
        <translation>
            <numerusform>Keep {name} and merge %n other customer into it? This cannot be undone.</numerusform>
            <numerusform>Keep {name} and merge %n other customers into it? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message numerus="yes">
        <source>%n problem(s) to fix in the file.</source>
        <translation>
            <numerusform>%n problem to fix in the file.</numerusform>
            <numerusform>%n problems to fix in the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) in the file:</source>
        <translation>
            <numerusform>%n order in the file:</numerusform>
            <numerusform>%n orders in the file:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n order(s) from {name}.</source>
        <translation>
            <numerusform>Imported %n order from {name}.</numerusform>
            <numerusform>Imported %n orders from {name}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) wait for an unmatched SKU: link it under Unmatched SKUs.</source>
        <translation>
            <numerusform>%n order waits for an unmatched SKU: link it under Unmatched SKUs.</numerusform>
            <numerusform>%n orders wait for unmatched SKUs: link them under Unmatched SKUs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported before, skipped.</source>
        <translation>
            <numerusform>%n order imported before, skipped.</numerusform>
            <numerusform>%n orders imported before, skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message numerus="yes">
        <source>Imported: %n new product(s)</source>
        <translation>
            <numerusform>Imported: %n new product</numerusform>
            <numerusform>Imported: %n new products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) updated</source>
        <translation>
            <numerusform>%n product updated</numerusform>
            <numerusform>%n products updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) unchanged</source>
        <translation>
            <numerusform>%n product unchanged</numerusform>
            <numerusform>%n products unchanged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems skipped</source>
        <translation>
            <numerusform>%n row with problems skipped</numerusform>
            <numerusform>%n rows with problems skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message numerus="yes">
        <source>%n hour(s) from now</source>
        <translation>
            <numerusform>%n hour from now</numerusform>
            <numerusform>%n hours from now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderImportActions</name>
    <message numerus="yes">
        <source>Unmatched SKUs (%n)</source>
        <translation>
            <numerusform>Unmatched SKUs (%n)</numerusform>
            <numerusform>Unmatched SKUs (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n order(s)</source>
        <translation>
            <numerusform>Imported %n order</numerusform>
            <numerusform>Imported %n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Linked SKUs: %n order(s) created</source>
        <translation>
            <numerusform>Linked SKUs: %n order created</numerusform>
            <numerusform>Linked SKUs: %n orders created</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderLayoutDialog</name>
    <message numerus="yes">
        <source>Headings found on row {row}: %n column(s).</source>
        <translation>
            <numerusform>Headings found on row {row}: %n column.</numerusform>
            <numerusform>Headings found on row {row}: %n columns.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{verb}: %n order(s) done</source>
        <translation>
            <numerusform>{verb}: %n order done</numerusform>
            <numerusform>{verb}: %n orders done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>, %n refused</numerusform>
            <numerusform>, %n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n order(s) into {number}</source>
        <translation>
            <numerusform>Merged %n order into {number}</numerusform>
            <numerusform>Merged %n orders into {number}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A pick list for %n order(s), bin by bin</source>
        <translation>
            <numerusform>A pick list for %n order, bin by bin</numerusform>
            <numerusform>A pick list for %n orders, bin by bin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shipping labels (面单) for %n order(s)</source>
        <translation>
            <numerusform>Shipping labels (面单) for %n order</numerusform>
            <numerusform>Shipping labels (面单) for %n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Picked %n order(s)</source>
        <translation>
            <numerusform>Picked %n order</numerusform>
            <numerusform>Picked %n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shipped %n order(s)</source>
        <translation>
            <numerusform>Shipped %n order</numerusform>
            <numerusform>Shipped %n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PackingDialog</name>
    <message numerus="yes">
        <source>%n item(s) left to scan</source>
        <translation>
            <numerusform>%n item left to scan</numerusform>
            <numerusform>%n items left to scan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickingDialog</name>
    <message numerus="yes">
        <source>Pick list for %n order(s): {numbers}</source>
        <translation>
            <numerusform>Pick list for %n order: {numbers}</numerusform>
            <numerusform>Pick list for %n orders: {numbers}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left to pick</source>
        <translation>
            <numerusform>%n item left to pick</numerusform>
            <numerusform>%n items left to pick</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) are still to pick: scan them before Finish.</source>
        <translation>
            <numerusform>%n item is still to pick: scan them before Finish.</numerusform>
            <numerusform>%n items are still to pick: scan them before Finish.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Close without marking the orders picked? The %n item(s) scanned are not kept; the orders stay allocated.</source>
        <translation>
            <numerusform>Close without marking the orders picked? The %n item scanned is not kept; the orders stay allocated.</numerusform>
            <numerusform>Close without marking the orders picked? The %n items scanned are not kept; the orders stay allocated.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n product(s); tick Show archived to see them</source>
        <translation>
            <numerusform>Archived %n product; tick Show archived to see it</numerusform>
            <numerusform>Archived %n products; tick Show archived to see them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n product(s)</source>
        <translation>
            <numerusform>Restored %n product</numerusform>
            <numerusform>Restored %n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n product(s) to {path}</source>
        <translation>
            <numerusform>Exported %n product to {path}</numerusform>
            <numerusform>Exported %n products to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurchasePage</name>
    <message numerus="yes">
        <source>Created %n draft purchase order(s)</source>
        <translation>
            <numerusform>Created %n draft purchase order</numerusform>
            <numerusform>Created %n draft purchase orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivePoDialog</name>
    <message numerus="yes">
        <source>Received %n unit(s) on {number}</source>
        <translation>
            <numerusform>Received %n unit on {number}</numerusform>
            <numerusform>Received %n units on {number}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message numerus="yes">
        <source>All done: %n order(s) shipped</source>
        <translation>
            <numerusform>All done: %n order shipped</numerusform>
            <numerusform>All done: %n orders shipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message numerus="yes">
        <source>⚠ %n product(s) at or below the warning line (预警线): show</source>
        <translation>
            <numerusform>⚠ %n product at or below the warning line (预警线): show</numerusform>
            <numerusform>⚠ %n products at or below the warning line (预警线): show</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message numerus="yes">
        <source>Counted %n line(s) from the sheet</source>
        <translation>
            <numerusform>Counted %n line from the sheet</numerusform>
            <numerusform>Counted %n lines from the sheet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) are not counted.</source>
        <translation>
            <numerusform>%n line is not counted.</numerusform>
            <numerusform>%n lines are not counted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuppliersDialog</name>
    <message numerus="yes">
        <source>{code} supplies %n product(s)</source>
        <translation>
            <numerusform>{code} supplies %n product</numerusform>
            <numerusform>{code} supplies %n products</numerusform>
        </translation>
    </message>
</context>
</TS>
