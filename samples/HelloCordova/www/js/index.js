document.addEventListener('deviceready', function () {
  document.getElementById('status').textContent = 'Device is ready: ' + device.platform;
}, false);
