#!/usr/bin/env bash
# Records the SPI baseline that the build's compatibility check (japicmp, in ssl-api/pom.xml)
# compares ssl-api with: builds ssl-api as it is now and copies its jar here. Run it after an
# intended SPI change (and, for a breaking one, a new major SpiVersion.CURRENT), then commit
# ssl-api/api-baseline/ssl-api-baseline.jar with the change:
#
#   ssl-api/api-baseline/record.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -q -B package -pl ssl-api -DskipTests -Djapicmp.skip=true
cp ssl-api/target/ssl-api-*[0-9T].jar ssl-api/api-baseline/ssl-api-baseline.jar
echo "recorded ssl-api/api-baseline/ssl-api-baseline.jar ($(unzip -l ssl-api/api-baseline/ssl-api-baseline.jar | grep -c '\.class$') classes)"
