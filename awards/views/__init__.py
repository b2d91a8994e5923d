"""The awards pages, one module per subject: dossiers, people and the catalogue, the council
and its decisions, awardees and statistics. Each view fetches and authorizes, hands the
request to a form or a filterset, calls a service and redirects or renders."""
