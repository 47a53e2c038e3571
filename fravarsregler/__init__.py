"""fravarsregler: fraværsoppfølging som versjonerte data og en presis regelmotor."""
