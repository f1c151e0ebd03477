default_app_config = "catalogue_ext.apps.CatalogueConfig"
