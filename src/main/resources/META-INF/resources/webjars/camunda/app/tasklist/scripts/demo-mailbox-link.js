/*
 * 演示邮箱 link in the Tasklist navbar, in the demo only.
 *
 * A Tasklist front-end plugin (plugin API of Camunda 7.14+): a plain ES module loaded through
 * `customScripts: ['scripts/demo-mailbox-link.js']` in app/tasklist/scripts/config.js. The
 * mailbox page (/demo/mailbox) exists only while the demo's mail catcher runs
 * (oversight.demo.mail-catcher); the link is shown only when the page answers, so outside the
 * demo the navbar is unchanged.
 */
export default {
  id: 'oversight.demoMailboxLink',
  pluginPoint: 'tasklist.navbar.action',
  priority: 50,
  render: (node) => {
    fetch('/demo/mailbox', { method: 'HEAD', credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) {
          return;
        }
        const link = document.createElement('a');
        link.href = '/demo/mailbox';
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = '演示邮箱';
        link.title = '查看演示环境中发给当前用户的通知邮件';
        node.appendChild(link);
      })
      .catch(() => {});
  },
};
