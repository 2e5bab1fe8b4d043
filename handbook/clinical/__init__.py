"""Safety advice written once as data: warning signs and their urgency, medicines, and the country's numbers."""
