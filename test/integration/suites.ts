// The extension-host suites, in the order they run.
import './modelsView.test';
import './history.test';
import './modelsPaging.test';
import './compare.test';
import './profile.test';
import './benchmark.test';
import './targets.test';
import './explore.test';
import './reliability.test';
