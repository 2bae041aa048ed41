"""Reports for a period (6-month and annual CCHC reporting): data, XLSX, print-ready HTML, PDF."""
