"""The web application: public event pages, the JSON API and (with accounts) the organiser console.

`create_app(settings)` in `app.py` builds one ASGI app; `tweetathon serve` runs it with uvicorn. Routes live in
`routes/` (one module per page family, registered in `routes.ROUTERS`), pages in `templates/`, every asset in
`static/` (Leaflet vendored from npm by scripts/vendor-web-assets.sh). Routes call the library and render a
template: no SQL and no business rule in a route.
"""
