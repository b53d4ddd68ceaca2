// Stylesheets are Vite's business; Jest sees an empty module.
module.exports = {};
