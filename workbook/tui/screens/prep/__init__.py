"""The main screen: the claims, the claim in view and both sides' columns, with every edit of
points, cards and claims, and the first look that stands in for it while a file opens."""
