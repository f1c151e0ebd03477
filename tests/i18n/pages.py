"""Small HTML helpers for the i18n page tests."""

from html.parser import HTMLParser


class AssetCollector(HTMLParser):
    """Every URL a browser would fetch by itself while loading the page."""

    FETCHED = {
        "script": ("src",),
        "link": ("href",),
        "img": ("src", "srcset"),
        "source": ("src", "srcset"),
        "iframe": ("src",),
        "video": ("src", "poster"),
        "audio": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "input": ("src",),
    }

    def __init__(self):
        super().__init__()
        self.urls = []  # (tag, attribute, url)
        self.forms = []  # dicts: action, method, inputs [(name, value, type)]
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") in ("canonical", "alternate", "next", "prev"):
            return  # navigation hints, not fetched
        for name in self.FETCHED.get(tag, ()):
            value = attrs.get(name)
            if not value:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    self.urls.append((tag, name, candidate.strip().split(" ")[0]))
            else:
                self.urls.append((tag, name, value))
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action"),
                    "method": attrs.get("method"),
                    "id": attrs.get("id"),
                    "inputs": [],
                }
            )
        if tag in ("input", "button") and self.forms:
            self.forms[-1]["inputs"].append(
                (attrs.get("name"), attrs.get("value"), attrs.get("type"))
            )


def parse(response):
    collector = AssetCollector()
    collector.feed(response.content.decode())
    return collector
