"""QGIS acceptance check, run by qgis-acceptance.test.ts with Debian's python3-qgis, headless.

Usage: qgis-acceptance.py PROJECT.qgs API_URL OUT.png
Loads the project and every collection of the API as an OGC API - Features layer, counts and
names their features, renders the project to a PNG and prints one JSON object.
"""

import json
import re
import sys
import urllib.request

from qgis.core import (
    QgsApplication,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

project_path, api, png = sys.argv[1:4]
app = QgsApplication([], False)
app.initQgis()


def describe(layer):
    names = []
    for feature in layer.getFeatures():
        if "name" in feature.fields().names():
            names.append(feature["name"])
    return {
        "valid": layer.isValid(),
        "provider": layer.providerType(),
        "count": len(names),
        "names": names,
        "wkbType": QgsWkbTypes.displayString(layer.wkbType()),
        "renderer": layer.renderer().type() if layer.renderer() else None,
    }


project = QgsProject.instance()
result = {"read": project.read(project_path), "crs": project.crs().authid(), "project": {}, "direct": {}}
for layer in project.mapLayers().values():
    typename = re.search(r"typename='([^']+)'", layer.source())
    result["project"][typename.group(1) if typename else layer.name()] = describe(layer)

with urllib.request.urlopen(api + "/collections?f=json") as response:
    collections = [c["id"] for c in json.load(response)["collections"]]
for collection in collections:
    layer = QgsVectorLayer(f"url='{api}' typename='{collection}'", collection, "OAPIF")
    result["direct"][collection] = describe(layer)

settings = QgsMapSettings()
layers = [project.layerTreeRoot().findLayer(layer.id()).layer() for layer in project.mapLayers().values()]
settings.setLayers(project.layerTreeRoot().layerOrder())
settings.setDestinationCrs(project.crs())
canvas_extent = project.viewSettings().defaultViewExtent()
extent = QgsRectangle(canvas_extent) if not canvas_extent.isEmpty() else None
if extent is None:
    extent = QgsRectangle()
    extent.setMinimal()
    for layer in layers:
        extent.combineExtentWith(settings.layerExtentToOutputExtent(layer, layer.extent()))
settings.setExtent(extent)
settings.setOutputSize(QSize(800, 600))
settings.setBackgroundColor(QColor(255, 255, 255))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
image.save(png)
painted = 0
for y in range(0, image.height(), 2):
    for x in range(0, image.width(), 2):
        if image.pixel(x, y) & 0xFFFFFF != 0xFFFFFF:
            painted += 1
result["render"] = {"width": image.width(), "height": image.height(), "painted": painted * 4, "extent": extent.toString()}
print(json.dumps(result))
app.exitQgis()
