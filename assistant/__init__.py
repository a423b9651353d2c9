"""Order Desk: the telephone sales operator's screen of a food wholesaler."""
