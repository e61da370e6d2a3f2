// The extension-host suites, in the order they run.
import './modelsView.test';
