"""What every layer shares: the typed settings and the Dutch text utilities. Imports no other package here."""
