#!/bin/sh
# Derives the reference map files in geodata/ from the GeoPackage described in SOURCES.md
# (leipzig-open-layers.gpkg, sha256 d072576931969f714a00d82e17a2f63455941451d16bbf626dce3ad86109a9a9).
# Needs GDAL (ogr2ogr) and gzip. Usage: geodata/derive-reference.sh path/to/leipzig-open-layers.gpkg
set -eu
gpkg=${1:?path to leipzig-open-layers.gpkg}
out=$(dirname "$0")
# The focus districts: the Ortsteile of which at least a fifth lies in a demo programme area
# (Leipziger Westen, URBAN II Leipziger Westen, Leipziger Osten, Grünau). The GeoPackage spells
# the names without umlauts.
focus="'Lindenau','Altlindenau','Neulindenau','Leutzsch','Plagwitz','Kleinzschocher',\
'Gruenau-Ost','Gruenau-Mitte','Gruenau-Nord','Gruenau-Siedlung','Lausen-Gruenau',\
'Volkmarsdorf','Neustadt-Neuschoenefeld','Anger-Crottendorf'"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One feature per line (GeoJSON text sequence without the RS byte), 6 decimals (about 0.1 m).
seq() { ogr2ogr -f GeoJSONSeq -lco COORDINATE_PRECISION=6 -lco RS=NO "$tmp/$1.geojsonl" "$gpkg" -dialect sqlite -sql "$2"; gzip -9n <"$tmp/$1.geojsonl" >"$out/$1.geojsonl.gz"; }
seq reference_buildings "select osm_way_id, building, name, addr_street as street, addr_housenumber as housenumber,
  addr_postcode as postcode, geom from buildings_osm_20250101 where ortsteil in ($focus) order by osm_way_id"
seq reference_stations "select osm_node_id, name, railway, geom from rail_stations_osm_20210929 where name is not null order by osm_node_id"
seq reference_addresses "select street, housenumber, postcode, n_same_coord, geom from addresses_leipzigdata_2013
  where street is not null and housenumber is not null order by street, housenumber"
