"""ERP exports into the desk database: clients, products, prices, history, receivables."""
