"""Web pages served by the stamp server: the customer's card page (``/c/<id>.<signature>``)
and the merchant dashboard (``/dashboard``), rendered on the server with Jinja2."""
