"""The World Bank's inputs, one module per dataset: ``wdi`` (World Development Indicators),
``ids`` (International Debt Statistics) and ``remittances`` (the bilateral remittance matrix)."""
