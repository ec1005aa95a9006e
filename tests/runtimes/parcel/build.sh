# Parcel 2 with its default configuration: no .parcelrc, no packageExports, nothing to copy.
npx parcel build index.html
