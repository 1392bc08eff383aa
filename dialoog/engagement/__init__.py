"""The dialogue as it happens: an engagement log per stakeholder, concerns raised, evidence."""
