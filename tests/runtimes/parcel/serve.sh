# Parcel's dev server, started as a user starts it (it reads the port from $PORT).
npx parcel index.html
