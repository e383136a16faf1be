"""The questionnaire engine shared by the public journey, the officer preview and offline entry:
parsing and validating answers per question kind, showing them, and routing between pages."""
